"""Central server: publishes content as a signed static repository and receives kiosk uploads."""
