"""The OpenAPI schema's shared parts: every operation documents its JSON errors, and a change
needs the version read."""

ERRORS = {
    "400": "Bad input: {field: [messages]} for each field that caused it (e.g. an unknown filter value).",
    "401": 'Not signed in: no or a wrong token ({"detail": message}).',
    "403": 'Signed in, but the role may not do this ({"detail": message}).',
    "404": 'No such record, or not one the user may see ({"detail": message}).',
}
# Changes, deletions and actions on a record (a merge) can also meet a record that has moved on,
# or one still in use.
CONFLICT = {
    "409": "A change or merge from a version that is no longer the latest, or a deletion of a record other "
    'records still use: nothing was changed ({"detail": message}).',
}
WRITES = {"put", "patch", "delete"}


def add_error_responses(result, generator, request, public):
    """drf-spectacular post-processing hook: the error answers of every operation, with their shape."""
    components = result.setdefault("components", {}).setdefault("schemas", {})
    components["Error"] = {
        "type": "object",
        "description": "An error: `detail` for the whole request, or one list of messages per field.",
        "properties": {"detail": {"type": "string"}},
        "additionalProperties": {
            "oneOf": [{"type": "array", "items": {"type": "string"}}, {"type": "string"}]
        },
    }
    reference = {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}
    for address, path in result.get("paths", {}).items():
        for method, operation in path.items():
            responses = operation.setdefault("responses", {})
            on_a_record = method == "post" and "{id}" in address  # an action such as merge
            errors = {**ERRORS, **CONFLICT} if method in WRITES or on_a_record else ERRORS
            for status, description in errors.items():
                responses.setdefault(status, {"description": description, "content": reference})
    return result


def require_the_version(result, generator, request, public):
    """drf-spectacular post-processing hook: a PATCH, like a PUT, is refused without the version the
    client read (``RecordViewSet.update``), though drf-spectacular requires nothing of a partial
    change."""
    for name, component in result.get("components", {}).get("schemas", {}).items():
        if name.startswith("Patched") and "version" in component.get("properties", {}):
            component["required"] = ["version"]
    return result
