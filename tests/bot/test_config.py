import pytest

from bot.config import load_settings


def test_defaults_need_no_service():
    settings = load_settings({})
    assert settings.rasa_port == 5005 and settings.actions_port == 5055 and settings.web_port == 8000
    assert settings.effective_database_url.startswith("sqlite:///")


def test_environment_overrides_and_empty_means_default():
    settings = load_settings({"AMO_RASA_PORT": "6000", "AMO_CONTENT_DIR": "", "TELEGRAM_TOKEN": "1:x"})
    assert settings.rasa_port == 6000
    assert settings.content_dir.name == "content"
    assert settings.telegram_token == "1:x"


def test_bad_number_names_the_variable():
    with pytest.raises(ValueError, match="AMO_WEB_PORT"):
        load_settings({"AMO_WEB_PORT": "eighty"})



def test_web_chat_and_question_limits_have_defaults_and_can_be_set():
    defaults = load_settings({})
    assert (defaults.web_messages_per_minute, defaults.web_address_messages_per_minute,
            defaults.questions_per_day, defaults.web_conversation_days) == (20, 120, 5, 30)
    settings = load_settings({"AMO_WEB_MESSAGES_PER_MINUTE": "3", "AMO_QUESTIONS_PER_DAY": "0"})
    assert settings.web_messages_per_minute == 3 and settings.questions_per_day == 0
    with pytest.raises(ValueError, match="AMO_QUESTIONS_PER_DAY"):
        load_settings({"AMO_QUESTIONS_PER_DAY": "five"})
