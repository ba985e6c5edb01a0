"""Temporal expressions: find TIMEX3 spans and give them ISO-TimeML values.

The stage (`stage.TemporalStage`) chains small steps: `patterns` finds candidate spans and reads
what each one means (`readings.Reading`), `finder` filters them with the spaCy parse and settles
overlaps, `tense` tells whether a sentence speaks of the past or the future, and `resolve`
turns each reading into a value against the publication date or an earlier timex. `linking`
answers which timex dates a given stretch of text, for the stages that attach times to claims.
"""
