"""The language a page is written in: the setting, else the browser's, else Chinese."""

from fastapi import Request

from legal_flows.i18n import Translator, pick, translator


def translator_for(request: Request) -> Translator:
    settings = request.app.state.portal.settings
    language = pick(settings.language, request.headers.get("accept-language"))
    return translator(language, iso_dates=settings.date_format == "iso")
