"""Outputs: export, GeoJSON, KML, ledger, chart, slides, briefing, licences, snapshots and the starter scenario."""
