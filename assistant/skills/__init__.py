"""Skills: one file each, with their input and output schema, the prompts they render and the checks they run."""
