"""The build benchmark (`make bench`): corpus generator and runner."""
