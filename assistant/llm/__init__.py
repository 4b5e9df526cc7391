"""The only package that talks to models. litellm is imported lazily (it costs about 2 s).

Any submodule may import litellm, so the offline switch is set here, where it runs before all of them: without
it, importing litellm fetches a price map from the network.
"""

import os

os.environ["LITELLM_LOCAL_MODEL_COST_MAP"] = "True"
