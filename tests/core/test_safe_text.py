"""Terminal output shows user text literally: control characters never act."""

from gtm_pulse.core.safe_text import for_terminal


def test_plain_and_markup_text_is_unchanged() -> None:
    assert (
        for_terminal("Dana [bold]Ortiz[/] [@click=app.quit]")
        == "Dana [bold]Ortiz[/] [@click=app.quit]"
    )


def test_escape_sequences_are_shown_not_run() -> None:
    assert for_terminal("\x1b[2Jboom") == "\\x1b[2Jboom"


def test_bidi_override_is_shown() -> None:
    assert for_terminal("abc\u202edef") == "abc\\u202edef"


def test_non_latin_text_is_kept() -> None:
    assert for_terminal("Zoë 山田 مرحبا") == "Zoë 山田 مرحبا"


def test_right_to_left_marks_are_shown() -> None:
    assert for_terminal("Dana\u200f Ortiz\u061c") == "Dana\\u200f Ortiz\\u061c"
