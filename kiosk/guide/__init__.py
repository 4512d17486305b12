"""Guide mode's plain logic (no Qt): the PIN and its lockout, usage statistics, sync status
and pending help requests, so the panel only draws what these modules compute."""
