"""What every app's API router is built from: the one error shape, pagination and shared field types.

The NinjaAPI object that mounts the routers is the API root (alliance87/api/); these pieces sit in core so that
each app's router imports them downwards.
"""
