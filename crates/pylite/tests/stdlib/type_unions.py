# PEP 604 unions at module level and in annotations (Airflow's configuration module).
ConfigType = str | int | float | bool
ConfigSectionSourcesType = dict[str, str | tuple[str, str]]


def expand(env_var: str | None = None) -> str | None:
    return env_var


print(expand("a"), expand(), ConfigType is not None, ConfigSectionSourcesType is not None)
try:
    None | None
except TypeError as e:
    print("TypeError", e)
