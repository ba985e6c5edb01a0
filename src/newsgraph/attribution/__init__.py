"""Attribution: who says what, through which cue, in which channel and when."""
