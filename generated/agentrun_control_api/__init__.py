"""A client library for accessing AgentRun Control Plane API"""
