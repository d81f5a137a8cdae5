"""Middleware of the project's own."""

from django.db import connections


class QueryCountMiddleware:
    """Reports the number of SQL queries of each request in an ``X-Query-Count`` header.

    Only installed when ``SAMVERKA_QUERY_COUNT_HEADER`` is on (``samverka
    bench`` reads it); it sits outermost so cached responses report 0.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        count = 0

        def counter(execute, sql, params, many, context):
            nonlocal count
            count += 1
            return execute(sql, params, many, context)

        with connections["default"].execute_wrapper(counter):
            response = self.get_response(request)
        response["X-Query-Count"] = str(count)
        return response
