from .cli import run

if __name__ == "__main__":  # run() calls multiprocessing.freeze_support() in a frozen app
    run()
