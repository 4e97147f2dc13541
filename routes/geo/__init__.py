"""Geometry: geodesy, land and border checks, terrain, sea lanes, graph, gaps, legs, routing, network import."""
