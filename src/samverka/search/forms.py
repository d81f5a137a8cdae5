from samverka.core.forms import InstitutionModelForm
from samverka.search.models import Synonym


class SynonymForm(InstitutionModelForm):
    class Meta(InstitutionModelForm.Meta):
        model = Synonym
        fields = ["words"]
