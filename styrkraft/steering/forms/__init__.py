"""The forms of the steering chain, one module per subject: goals, assignments, steering documents and
Mitt arbete's filter. A form validates what the user typed and hands clean values to a service; it never
saves."""
