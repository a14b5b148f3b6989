"""Answer pickers: keyboard, number keys and mouse all give the same answer.

Each picker is an OptionList, so arrows + enter and clicks work as everywhere in Textual; the
number keys pick directly. The screen hears a :class:`Picked` message with the answer.

Nothing is highlighted until the VP chooses (or a revisited page shows its answer): with the
cursor on option 1, an Enter meant as "next" recorded "Strongly disagree" (issue 14). Enter on
nothing says which keys answer instead.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.binding import Binding
from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList, TextArea
from textual.widgets.option_list import Option

from gtm_pulse.core.models import NOT_APPLICABLE, Answer, Question, Scale

_NUMBER_KEYS = [Binding(str(n), f"pick({n})", show=False) for n in range(1, 10)]
_PAGE_KEYS = [
    Binding("n", "screen.next", "Next"),
    Binding("p", "screen.previous", "Previous"),
    Binding("c", "screen.comment", "Comment"),
    Binding("r", "screen.review", "Review"),
]

#: The key and the list entry for "not applicable / don't know" on an agreement scale.
NOT_APPLICABLE_KEY = "0"
NOT_APPLICABLE_LABEL = "n/a (not applicable / don't know)"


@dataclass
class Picked(Message):
    """An answer was given (``value`` is in the form the store keeps)."""

    question: Question
    value: Answer
    advance: bool
    """Whether to move on to the next question (a single pick does; ticking a friction not)."""


class ScalePicker(OptionList):
    """A likert or single-choice question: one option per scale point or choice.

    An agreement scale ends with "n/a" (key 0), set apart by a line: the VP who cannot judge a
    statement says so rather than picking a score at random.
    """

    BINDINGS = [
        Binding("1", "pick(1)", "Answer", key_display="1-9"),
        *_NUMBER_KEYS[1:],
        Binding(NOT_APPLICABLE_KEY, "not_applicable", "n/a"),
        *_PAGE_KEYS,
    ]

    def __init__(self, question: Question, scale: Scale, current: Answer | None) -> None:
        self.question = question
        options: list[Option | None]
        if question.kind == "likert":
            self.values: list[Answer] = list(range(1, scale.points + 1))
            labels = scale.labels
        else:
            self.values = [option.id for option in question.options]
            labels = [option.label for option in question.options]
        self.choices = len(self.values)
        """How many answers the number keys reach (n/a, if offered, comes after them)."""
        options = [Option(Content(f"{n}  {label}")) for n, label in enumerate(labels, start=1)]
        if question.kind == "likert":
            self.values.append(NOT_APPLICABLE)
            options += [None, Option(Content(f"{NOT_APPLICABLE_KEY}  {NOT_APPLICABLE_LABEL}"))]
        super().__init__(*options, id="picker")
        # OptionList highlights its first option; here only an answer given is highlighted.
        self.highlighted = self.values.index(current) if current in self.values else None

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # n/a is for agreement statements only: a single choice lists its own options.
        return action != "not_applicable" or self.question.kind == "likert"

    def nothing_chosen(self) -> str:
        """What to say when Enter is pressed with no answer highlighted: the keys that answer."""
        keys = f"press 1-{self.choices} to answer"
        if self.question.kind == "likert":
            keys += f", {NOT_APPLICABLE_KEY} for n/a"
        return f"Nothing chosen yet: {keys}, or ↑/↓ to choose and then Enter. n skips."

    def action_select(self) -> None:
        if self.highlighted is None:
            self.notify(self.nothing_chosen(), severity="warning", markup=False)
            return
        super().action_select()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.post_message(Picked(self.question, self.values[event.option_index], advance=True))

    def action_pick(self, number: int) -> None:
        if 1 <= number <= self.choices:
            self.highlighted = number - 1
            self.post_message(Picked(self.question, self.values[number - 1], advance=True))

    def action_not_applicable(self) -> None:
        if self.question.kind == "likert":
            self.highlighted = len(self.values) - 1
            self.post_message(Picked(self.question, NOT_APPLICABLE, advance=True))


class FrictionPicker(OptionList):
    """A multi-choice question: enter/space/number ticks an item, left/right sets its severity."""

    BINDINGS = [
        Binding("space", "select", "Tick"),
        Binding("left", "severity(-1)", "Rate", key_display="←→"),
        Binding("right", "severity(1)", "Rate", show=False),
        *_NUMBER_KEYS,
        *_PAGE_KEYS,
    ]

    def __init__(self, question: Question, current: Answer | None) -> None:
        self.question = question
        self.picks: dict[str, str | None] = dict(current) if isinstance(current, dict) else {}
        super().__init__(*[Option(self._prompt(o.id)) for o in question.options], id="picker")
        self.highlighted = None  # as on the scale: Enter must not tick a friction not chosen

    def action_select(self) -> None:
        if self.highlighted is None:
            count = len(self.question.options)
            self.notify(
                f"Nothing chosen yet: press 1-{count} to tick a friction (←/→ rates it), "
                "or ↑/↓ and Enter. n goes on.",
                severity="warning",
                markup=False,
            )
            return
        super().action_select()

    def _prompt(self, option_id: str) -> Content:
        option = self.question.option(option_id)
        assert option is not None
        number = self.question.options.index(option) + 1
        if option_id not in self.picks:
            return Content(f"{number} [ ] {option.label}")
        severity = self.picks[option_id]
        return Content(f"{number} [x] {option.label}") + Content.styled(
            f"  {severity or 'rate with ←/→'}", "bold" if severity else "dim"
        )

    def _changed(self, index: int) -> None:
        option_id = self.question.options[index].id
        self.replace_option_prompt_at_index(index, self._prompt(option_id))
        self.post_message(Picked(self.question, dict(self.picks), advance=False))

    def _toggle(self, index: int) -> None:
        option_id = self.question.options[index].id
        if option_id in self.picks:
            del self.picks[option_id]
        else:  # a ticked friction starts at the mildest severity; ←/→ changes it
            self.picks[option_id] = (
                self.question.severities[0] if self.question.severities else None
            )
        self._changed(index)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self._toggle(event.option_index)

    def action_pick(self, number: int) -> None:
        if 1 <= number <= len(self.question.options):
            self.highlighted = number - 1
            self._toggle(number - 1)

    def action_severity(self, step: int) -> None:
        index = self.highlighted
        severities = self.question.severities
        if index is None or not severities:
            return
        option_id = self.question.options[index].id
        if option_id not in self.picks:
            self.picks[option_id] = severities[0]
        else:
            current = self.picks[option_id]
            position = severities.index(current) if current in severities else -1
            self.picks[option_id] = severities[max(0, min(len(severities) - 1, position + step))]
        self._changed(index)


class AnswerText(TextArea):
    """A free-text answer. Tab leaves it for the Next button; it takes every printable key, so
    its page keys are ctrl keys."""

    BINDINGS = [
        Binding("ctrl+n", "screen.next", "Next"),
        Binding("ctrl+o", "screen.comment", "Comment"),
        Binding("ctrl+r", "screen.review", "Review"),
    ]
