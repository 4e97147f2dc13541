"""The gazetteer: finding places offline and turning them into nodes."""
