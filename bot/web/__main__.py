"""`python -m bot.web`: serve the web chat and the dashboard on the configured host and port."""

from bot.web.app import main

if __name__ == "__main__":
    main()
