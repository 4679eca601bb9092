print("scale-bench")
