"""The events stage: PLOVER-coded events with actors, targets, time, place and source."""
