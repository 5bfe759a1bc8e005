"""Several told messages said as one: `a; b; c`, or one a line.

`said` translates a value only when it is itself a Told, so a list is told as a chain of
pairs (`{item}; {rest}`), each item said in the reader's language; str() is the English
joined as `"; ".join` would join it.
"""

from collections.abc import Sequence

from legal_flows.domain.errors import Told

# How the items are joined, by separator: the template of one item and the rest after it.
_JOINS = {"; ": "{item}; {rest}", "\n": "{item}\n{rest}"}


def listed(items: Sequence[Told], separator: str = "; ") -> Told:
    """The items one after another; `separator` is "; " or a new line."""
    if not items:
        return Told("")
    head, *rest = items
    if not rest:
        return head
    return Told(_JOINS[separator], item=head, rest=listed(rest, separator))
