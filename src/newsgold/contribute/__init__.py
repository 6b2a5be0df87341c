"""Contributing to the corpus: adding articles, writing files safely, checking before writing."""
