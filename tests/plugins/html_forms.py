"""Read an HTML form the way a browser submits it (inputs, checked boxes, textareas, selected
options; a chosen submit button), so HTTP-level tests post back exactly what a page offers."""

from __future__ import annotations

from html.parser import HTMLParser


class _FormReader(HTMLParser):
    def __init__(self, form_id: str | None, action: str | None):
        super().__init__(convert_charrefs=True)
        self.form_id, self.action = form_id, action
        self.inside = False
        self.fields: list[tuple[str, str]] = []
        self._textarea: str | None = None
        self._text: list[str] = []
        self._select: str | None = None
        self._multiple = False

    def _wanted(self, attrs: dict) -> bool:
        if self.form_id is not None:
            return attrs.get("id") == self.form_id
        return self.action is None or attrs.get("action") == self.action

    def handle_starttag(self, tag, attrs):
        a = {k: (v if v is not None else "") for k, v in attrs}
        if tag == "form" and not self.fields and not self.inside and self._wanted(a):
            self.inside = True
            return
        if not self.inside:
            return
        name = a.get("name")
        if tag == "input" and name and "disabled" not in a:
            kind = a.get("type", "text")
            if kind in ("checkbox", "radio"):
                if "checked" in a:
                    self.fields.append((name, a.get("value", "on")))
            elif kind not in ("file", "submit", "button", "image", "reset"):
                self.fields.append((name, a.get("value", "")))
        elif tag == "textarea" and name:
            self._textarea, self._text = name, []
        elif tag == "select" and name and "disabled" not in a:
            self._select, self._multiple = name, "multiple" in a
        elif tag == "option" and self._select and "selected" in a:
            self.fields.append((self._select, a.get("value", "")))

    def handle_data(self, data):
        if self._textarea is not None:
            self._text.append(data)

    def handle_endtag(self, tag):
        if tag == "form" and self.inside:
            self.inside = False
            self.form_id = "\0done"  # only the first matching form
            self.action = "\0done"
        elif tag == "textarea" and self._textarea is not None:
            text = "".join(self._text)
            self.fields.append((self._textarea, text[1:] if text.startswith("\n") else text))
            self._textarea = None
        elif tag == "select":
            self._select = None


def form_fields(html: str, form_id: str | None = None, action: str | None = None) -> list[tuple[str, str]]:
    """The (name, value) pairs the form would submit, without any submit button."""
    reader = _FormReader(form_id, action)
    reader.feed(html)
    return reader.fields


def with_values(fields: list[tuple[str, str]], values: dict[str, str]) -> list[tuple[str, str]]:
    """``fields`` with ``values`` replacing (or added after) the ones of the same name."""
    seen = set()
    result = []
    for name, value in fields:
        if name in values:
            if name not in seen:
                result.append((name, values[name]))
                seen.add(name)
        else:
            result.append((name, value))
    result += [(name, value) for name, value in values.items() if name not in seen]
    return result


def as_data(fields: list[tuple[str, str]]) -> dict[str, list[str]]:
    """The pairs as httpx's ``data=`` takes repeated fields."""
    data: dict[str, list[str]] = {}
    for name, value in fields:
        data.setdefault(name, []).append(value)
    return data
