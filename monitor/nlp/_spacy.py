"""spaCy, imported with torch hidden from thinc.

thinc imports torch whenever it is installed (1.5 s, more than half of a one-document `monitor
extract`), though our blank pipelines never use a torch layer; the sentiment model imports torch
itself when it needs it (batches of 16 sentences or more) and gets the real module. Every module
of ours that imports spaCy imports this one first; modules that do not (the store, companies)
stay free of both. When torch is already loaded, nothing changes.
"""

import sys

if "torch" not in sys.modules and "spacy" not in sys.modules:
    sys.modules["torch"] = None  # type: ignore[assignment]  # thinc's `import torch` fails fast
    try:
        import spacy  # noqa: F401
    finally:
        del sys.modules["torch"]
