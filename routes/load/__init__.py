"""Reading data: files, bundled data, Natural Earth, nodes, networks, line files, images, evidence, scenarios."""
