"""`python -m newsletter_cli` runs the same app as `nl` and `newsletter`."""

from newsletter_cli.cli import main

if __name__ == "__main__":
    main()
