"""A client library for accessing AgentRun Data Plane"""
