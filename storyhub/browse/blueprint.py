"""The browse blueprint, shared by its pages (views.py) and the admins' curation (curation.py)
so that neither imports the other's module to add its routes."""

from flask import Blueprint

from storyhub.browse.settings import init_browse_settings

bp = Blueprint("browse", __name__)
bp.record_once(lambda state: init_browse_settings(state.app))
