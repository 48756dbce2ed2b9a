"""Reading inputs and writing run outputs."""
