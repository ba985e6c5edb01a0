"""The corpus layer: what links stored articles to each other (copies, stories, claims).

Each step reads the analyses in the store and writes only its own tables; `update.update_corpus`
runs every step of `update.STEPS` over the documents it has not processed yet.
"""
