"""Training and evaluation of the models claimgraph ships."""
