"""The training workbenches: a task trained step by step, with its panes and form."""
