"""The request in a long message: participants often tell their situation first and ask
last ("I came from Eritrea two years ago and worked as a cook. Now NAV says I should take
a course. Which ones are there in Bergen?"). Read as a whole, the story's words outweigh
the question's; the intent classifier therefore reads such a message as a whole and, with
extra weight, its request sentence.

The request sentence is the last one that ends with a question mark (Latin, Arabic and
Persian, Ethiopic), else the last one; a short one ("What do I do?") takes the sentence
before it along, which usually says what it is about.
"""

from __future__ import annotations

import re
from typing import Callable, List, Optional, Sequence

import numpy as np
import scipy.sparse as sp

# A sentence ends at . ! ? … (and Arabic/Persian ؟, Ethiopic ። ፧) followed by a space, or
# at a line break. "kl. 15" splits too, which is why a short request takes its neighbour.
_SENTENCE_END = re.compile(r"(?<=[.!?…؟።፧])\s+|\s*\n+\s*")
_QUESTION_MARKS = ("?", "؟", "፧")
# A request sentence of fewer words is read together with the sentence before it.
MIN_REQUEST_WORDS = 3


def sentences(text: str) -> List[str]:
    return [s for s in (part.strip() for part in _SENTENCE_END.split(text)) if s]


def request_sentence(text: str) -> Optional[str]:
    """The sentence that most likely carries the request, or None for a message of one
    sentence (its request is the whole message)."""
    found = sentences(text)
    if len(found) < 2:
        return None
    questions = [i for i, s in enumerate(found) if s.endswith(_QUESTION_MARKS)]
    at = questions[-1] if questions else len(found) - 1
    start = at
    while start > 0 and len(" ".join(found[start:at + 1]).split()) < MIN_REQUEST_WORDS:
        start -= 1
    if start == 0 and at == len(found) - 1:
        return None  # the request would be the whole message
    return " ".join(found[start:at + 1])


def weigh_requests(whole: sp.spmatrix, texts: Sequence[str],
                   features: Callable[[Sequence[str]], sp.spmatrix], weight: float) -> sp.csr_matrix:
    """`whole` (the rows of `features(texts)`), where a message of several sentences gets
    (1 - weight) * its own row + weight * its request sentence's row."""
    whole = sp.csr_matrix(whole)
    if weight <= 0:
        return whole
    requests = [request_sentence(text) for text in texts]
    if all(request is None for request in requests):
        return whole
    share = np.array([weight if request is not None else 0.0 for request in requests],
                     dtype=whole.dtype)
    # A message of one sentence has no request row: "" has no n-grams, so its row is zero.
    asked = sp.csr_matrix(features([request or "" for request in requests]))
    return (sp.diags(1 - share) @ whole + sp.diags(share) @ asked).tocsr()
