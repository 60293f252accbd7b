"""Thin views: parse input, check scope and role, call one service or selector, render."""
