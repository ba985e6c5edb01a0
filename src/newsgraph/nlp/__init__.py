"""The one spaCy pipeline every stage reads from, loaded once per process."""

from newsgraph.nlp.loader import MODEL_NAME, load_nlp, model_version

__all__ = ["MODEL_NAME", "load_nlp", "model_version"]
