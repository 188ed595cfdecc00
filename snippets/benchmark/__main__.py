# test: skip="the full benchmark takes minutes; tests/test_benchmark.py runs its --quick mode"
from snippets.benchmark.cli import main

if __name__ == "__main__":
    main()
