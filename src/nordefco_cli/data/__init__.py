"""Finding, reading, validating and caching data files: the shipped bodies and the
user's own ($XDG_CONFIG_HOME/nordefco/bodies), each read into a core Rotation.
Imports the core only.
"""
