"""The CSV export of an exchange's answers and selections, anonymised: a stable random code per
young person, never a name, username or e-mail; spreadsheet formulas neutralised."""

import csv
import io

from flask import Response
from sqlalchemy.orm import joinedload

from storyhub.exchanges.models import Exchange
from storyhub.extensions import db
from storyhub.impact import statements as st
from storyhub.impact.models import AnswerSet, Participant

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutral(value) -> str:
    """A cell a spreadsheet shows as text: one starting like a formula gets a leading quote."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def rows(exchange: Exchange) -> list[list[str]]:
    """Header and one row per answer set; three queries whatever the size."""
    statements = st.statements_of(exchange)
    codes = dict(
        db.session.execute(
            db.select(Participant.user_id, Participant.code).filter_by(exchange_id=exchange.id)
        ).all()
    )
    sides = {exchange.inviting_group_id: "A", exchange.invited_group_id: "B"}
    header = ["code", "side", "moment", "answered_on", "thoughts"]
    header += [f"statement_{i + 1}" for i in range(len(statements))]
    header += ["reflection", "reflection_status", "selected", "change_kind", "selection_reason"]
    result = [header]
    query = (
        db.select(AnswerSet)
        .filter_by(exchange_id=exchange.id)
        .options(joinedload(AnswerSet.reflection))
        .order_by(AnswerSet.group_id, AnswerSet.user_id, AnswerSet.id)
    )
    for answer_set in db.session.scalars(query):
        values = {a.statement_id: a.value for a in answer_set.answers}
        reflection = answer_set.reflection
        row = [codes.get(answer_set.user_id, ""), sides.get(answer_set.group_id, ""),
               answer_set.moment, answer_set.updated_at.date().isoformat(), answer_set.thoughts]  # fmt: skip
        row += [values.get(s.id, "") for s in statements]
        if reflection is not None:
            row += [reflection.body, reflection.status, "yes" if reflection.selected_at else "",
                    reflection.change_kind or "", reflection.selection_reason]  # fmt: skip
        else:
            row += ["", "", "", "", ""]
        result.append(row)
    return result


def statement_rows(exchange: Exchange) -> list[list[str]]:
    """The statements' words (in English with the placeholder), listed under the answers."""
    return [[f"statement_{i + 1}", st.statement_text(s, st.PLACE)]
            for i, s in enumerate(st.statements_of(exchange))]  # fmt: skip


def csv_response(exchange: Exchange) -> Response:
    """The export as a downloadable, private CSV file."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    for row in [*rows(exchange), [], *statement_rows(exchange)]:
        writer.writerow([neutral(cell) for cell in row])
    response = Response("\ufeff" + buffer.getvalue(), mimetype="text/csv")
    response.headers["Content-Disposition"] = (
        f'attachment; filename="storyhub-exchange-{exchange.id}-impact.csv"'
    )
    response.headers["Cache-Control"] = "private, no-store"
    return response
