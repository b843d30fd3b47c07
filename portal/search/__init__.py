"""Search and follow-up questions over the text readers may see, and nothing else."""
