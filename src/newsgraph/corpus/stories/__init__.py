"""Stories: articles about the same real-world happening, grouped as they arrive.

`terms` turns an article into weighted words (names and years count more); `cluster` assigns
each new article to the story it fits best or starts a new one, then merges stories that have
grown together; `label` names a story by its main entities and date range; `step` keeps the
stories in the store; `report` reads them back.
"""
