"""Hostile demo: waits for the learner to type something."""

name = input("your name? ")
print(f"hello {name}")
