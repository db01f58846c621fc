print("This executable is not written yet.")
