"""NLP: sentence-level extraction of money amounts, companies and capex/debt events."""

import sys


def _spacy_without_torch() -> None:
    """Import spaCy with torch hidden from thinc. thinc imports torch whenever it is installed
    (1.5 s, more than half of a one-document `monitor extract`), though our blank pipelines never
    use a torch layer; the sentiment model imports torch itself when it needs it (large batches)
    and gets the real module. When torch is already loaded, nothing changes."""
    if "torch" in sys.modules or "spacy" in sys.modules:
        return
    sys.modules["torch"] = None  # type: ignore[assignment]  # thinc's `import torch` fails fast
    try:
        import spacy  # noqa: F401
    finally:
        del sys.modules["torch"]


_spacy_without_torch()
