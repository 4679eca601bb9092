print("scale")
