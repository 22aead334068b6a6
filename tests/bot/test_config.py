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


def test_each_variable_parses_to_its_fields_type_and_unset_ones_keep_the_default():
    from bot.config import Settings

    settings = load_settings({"AMO_WEB_COOKIE_SECURE": "yes", "AMO_TELEGRAM_PUSH_SECONDS": "0.3",
                              "AMO_VAR_DIR": "/srv/amo/var", "AMO_MODELS_DIR": "trained"})
    assert settings.web_cookie_secure is True and settings.telegram_push_seconds == 0.3
    assert str(settings.var_dir) == "/srv/amo/var"
    assert settings.models_dir == settings.root / "trained"  # relative: under the project root
    assert settings.redis_url == Settings().redis_url and settings.response_days == Settings().response_days
    with pytest.raises(ValueError, match="AMO_WEB_COOKIE_SECURE must be true or false"):
        load_settings({"AMO_WEB_COOKIE_SECURE": "maybe"})


def test_secrets_stay_out_of_the_printed_settings():
    settings = load_settings({"AMO_RASA_TOKEN": "tok-123456", "TELEGRAM_TOKEN": "1:secret-abc",
                              "AMO_DATABASE_URL": "postgresql://amo:pw-789@db/amo"})
    assert settings.rasa_token == "tok-123456"
    printed = repr(settings)
    assert "tok-123456" not in printed and "secret-abc" not in printed and "pw-789" not in printed


def test_the_generated_rasa_token_is_read_when_none_is_set(tmp_path):
    (tmp_path / "rasa-token").write_text("from-the-file\n", encoding="utf-8")
    assert load_settings({"AMO_VAR_DIR": str(tmp_path)}).rasa_token == "from-the-file"
    assert load_settings({"AMO_VAR_DIR": str(tmp_path), "AMO_RASA_TOKEN": "set"}).rasa_token == "set"


def test_the_password_cost_is_a_power_of_two_that_scrypt_accepts():
    assert load_settings({}).password_scrypt_n == 2**17
    assert load_settings({"AMO_PASSWORD_SCRYPT_N": "1024"}).password_scrypt_n == 1024
    for wrong in ("1000", "1", "2097152"):
        with pytest.raises(ValueError, match="AMO_PASSWORD_SCRYPT_N must be a power of two"):
            load_settings({"AMO_PASSWORD_SCRYPT_N": wrong})
