"""The learning loop: messages the bot was unsure about, labelled by staff into training data."""
