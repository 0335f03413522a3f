"""A publication's life cycle as a checklist: each step from planning to consent with its date,
or what is still missing, the rule it comes from and the page that does it.

The status field follows these steps (app.services.numbering, deposit, consignment, consent
advance it when the event is recorded); the checklist shows the officer the steps themselves,
including those the status cannot say (an acknowledgement still missing from one library, an
e-file that fails its check)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.identifiers import display
from app.language import listed, shown_date, t
from app.models import (
    DepositLine,
    EFile,
    Publication,
    PublicationChange,
    PublicationForm,
    PublicationReview,
    Shipment,
)
from app.services import gpn_site, licences
from app.services.numbering import numbering_plan
from app.services.publications import load_publication


@dataclass(frozen=True)
class Step:
    """One step: done or not, when, what is missing, where to do it."""

    key: str
    title: str
    done: bool
    detail: str
    rule: str
    page: str
    on: date | None = None

    @property
    def text(self) -> str:
        """The step in one line, as the checklist shows it."""
        mark = "✔" if self.done else "□"
        when = t("（{date}）", date=shown_date(self.on)) if self.on else ""
        return t("{mark} {title}{when}：{detail}", mark=mark, title=self.title, when=when,
                 detail=self.detail)


def checklist(session: Session, publication_id: int) -> list[Step]:
    """The steps of this publication, in the order they happen."""
    pub = load_publication(session, publication_id)
    steps: list[Step] = []

    plan = [item for item in numbering_plan(pub) if item.need == "required"]
    missing = [item.kind for item in plan if not item.current]
    steps.append(Step(
        "numbers", t("取得編號"), not missing,
        listed([f"{i.kind} {display(i.kind, i.current)}" for i in plan if i.current])
        if not missing
        else t("尚缺 {numbers}", numbers="、".join(missing)), t("§4、NCL 一"), "numbering"))

    steps += _review_step(session, pub)

    confirmed = session.scalar(select(func.max(PublicationChange.changed_on)).where(
        PublicationChange.publication_id == publication_id,
        PublicationChange.field == "確認出版"))
    steps.append(Step(
        "confirmed", t("出版確認"), confirmed is not None,
        t("已向國家圖書館確認出版") if confirmed
        else t("出版後到「編號申請 → 出版確認」記錄實際出版年月、頁數與定價"),
        t("NCL 四"), "numbering", confirmed))

    lines = session.execute(select(DepositLine.sent_on, DepositLine.acknowledged_on).where(
        DepositLine.publication_id == publication_id)).all()
    sent = [line.sent_on for line in lines if line.sent_on]
    acknowledged = [line.acknowledged_on for line in lines if line.acknowledged_on]
    if not lines:
        detail = t("尚未建立寄存計畫")
    elif len(acknowledged) == len(lines):
        detail = t("{count} 處都已收到回執", count=len(lines))
    else:
        detail = t("已寄出 {sent}／{count} 處，已收回執 {acknowledged} 處", sent=len(sent),
                   count=len(lines), acknowledged=len(acknowledged))
    steps.append(Step("deposit", t("寄存"), bool(lines) and len(acknowledged) == len(lines),
                      detail, t("§5"), "deposit", max(acknowledged or sent, default=None)))

    first_shipment = session.scalar(select(func.min(Shipment.shipped_on)).where(
        Shipment.publication_id == publication_id))
    stores = session.scalar(select(func.count(func.distinct(Shipment.store_id))).where(
        Shipment.publication_id == publication_id)) or 0
    steps.append(Step("on_sale", t("委託展售"), first_shipment is not None,
                      t("已送 {stores} 家門市", stores=stores) if first_shipment
                      else t("尚未送展售門市"),
                      t("§7、附件一"), "consignment", first_shipment))

    steps.append(Step("consent", t("授權利用送文化部"), pub.consent_sent_on is not None,
                      t("已送出") if pub.consent_sent_on else t("尚未送出授權利用同意書"),
                      t("§12–14、附件二"), "consent", pub.consent_sent_on))

    statuses = list(session.scalars(select(EFile.check_status).where(
        EFile.publication_id == publication_id)))
    failing = statuses.count("fail")
    unchecked = statuses.count("")
    if not statuses:
        efiles_detail = t("尚未加入電子檔")
    elif failing or unchecked:
        efiles_detail = t("{count} 個檔案：{failing} 個不符合、{unchecked} 個未檢查",
                          count=len(statuses), failing=failing, unchecked=unchecked)
    else:
        efiles_detail = t("{count} 個檔案都符合附件三", count=len(statuses))
    steps.append(Step("efiles", t("電子檔檢查"), bool(statuses) and not failing and not unchecked,
                      efiles_detail, t("附件三"), "checks"))

    steps += _site_step(session, pub) + _licence_step(session, pub)

    if pub.form in (PublicationForm.EBOOK, PublicationForm.ONLINE) or pub.online_url:
        steps.append(Step(
            "online", t("網路版登錄"), pub.online_registered,
            t("已登錄於政府出版品網站") if pub.online_registered else
            (t("有網址但尚未登錄於政府出版品網站") if pub.online_url else t("尚無網路版網址")),
            t("§10"), "publications"))
    return steps



def _review_step(session: Session, pub: Publication) -> list[Step]:
    """§16, for a unit that records its review before print."""
    if not pub.unit.review_required:
        return []
    review = session.scalars(select(PublicationReview).where(
        PublicationReview.publication_id == pub.id).order_by(
        PublicationReview.reviewed_on.desc())).first()
    return [Step(
        "review", t("印製前審核"), review is not None,
        t("{reviewer} 已審核", reviewer=review.reviewer) if review else
        (t("取得 GPN 後、印製前，由本單位完成審核並記錄") if pub.gpn else t("取得 GPN 後才審核")),
        t("§16、附件五"), "publications", review.reviewed_on if review else None)]


def _site_step(session: Session, pub: Publication) -> list[Step]:
    """§15: what the government publications site holds, once there is a GPN."""
    if not pub.gpn:
        return []
    record = gpn_site.record_of(session, pub.id)
    changed = gpn_site.changed_fields(session, pub.id) if record else None
    if record is None:
        detail = t("PubDesk 不知道資訊網上的資料：在資訊網核對後按「已更新資訊網」")
    elif changed:
        detail = t("資訊網上的資料已過時：{fields}", fields=listed(changed))
    else:
        detail = t("與資訊網上的資料一致")
    return [Step("gpn_site", t("政府出版品資訊網"), record is not None and not changed, detail,
                 t("§15"), "publications", record.updated_on if record else None)]


def _licence_step(session: Session, pub: Publication) -> list[Step]:
    """§12: licences granted to others, and 附件二 注意事項's conflict."""
    granted = licences.licences_of(session, pub.id)
    if not granted:
        return []
    conflict = licences.conflict_warning(session, pub.id)
    return [Step("licences", t("授權他人"), conflict is None,
                 conflict or listed([licences.licence_label(g) for g in granted]),
                 t("§12、附件二 注意事項"), "publications")]
