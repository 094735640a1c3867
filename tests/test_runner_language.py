"""The language check in front of the NLP stage: Vietnamese passes, other text is a clear error."""
from __future__ import annotations

import pytest
from runner_corpus import SEEDS

from extractor.errors import ExtractError
from extractor.nlp.language import check_vietnamese


@pytest.mark.parametrize("path", SEEDS)
def test_seed_plans_pass(path):
    check_vietnamese(open(path, encoding="utf-8").read(), path)


@pytest.mark.parametrize(
    "text,why",
    [
        ("The provincial committee shall report on the plan every quarter. " * 10, "tone marks"),
        ("Le comité provincial présente le programme de l'année prochaine aux départements concernés. " * 10, "longer than a syllable"),
        # Russian read through a Vietnamese code page: marked letters, but not Vietnamese ones
        ("çÏÄÏ×ÏÊ ÏỖ£Ô ÇÏ̉ÏÄÓËÏÇÏ ÓÏ×ÅÔÁ Ï ÂÀÄÖÅÔÅ É ̉ÁÓÈÏÄÁÈ ÎÁ Ó̀ÅÄƠÀƯÉÊ ÇÏÄ. " * 10, "alphabet"),
    ],
)
def test_other_text_is_refused_with_a_reason(text, why):
    with pytest.raises(ExtractError) as e:
        check_vietnamese(text, "x.txt")
    assert e.value.stage == "language" and why in e.value.reason


def test_short_vietnamese_without_plan_shape_passes():
    check_vietnamese("Hóa đơn giá trị gia tăng. Đơn vị bán hàng: Công ty Minh Phát. Tổng cộng tiền thanh toán: 11.550.000 đồng. " * 3, "x.txt")
