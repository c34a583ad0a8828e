"""Rule prepare_inputs: BAG, EP-online labels, restriction zones, sewers, streets and context layers
of one gemeente, in one process (each stage writes its own outputs and quality JSON)."""
from warmtekans.pipeline.stages.prepare_inputs import prepare_inputs
from warmtekans.pipeline.workflow import run

inp, out, par = snakemake.input, snakemake.output, snakemake.params
run(snakemake, prepare_inputs,
    prepare_bag=dict(source=par.bag, buurten=inp.buurten, panden_output=out.panden, vbo_output=out.vbos,
                     settings=par.dwellings, quality_output=out.quality_bag),
    prepare_energielabels=dict(source=par.energielabels, reference_date=par.reference_date, output=out.energielabels,
                               quality_output=out.quality_energielabels),
    prepare_restrictions=dict(drinkwater=par.drinkwater, archeologie=par.archeologie, settings=par.restrictions,
                              buurten=inp.buurten, output=out.restrictions, quality_output=out.quality_restrictions),
    prepare_sewers=dict(source=par.riool, settings=par.sewer, buurten=inp.buurten, output=out.sewers,
                        quality_output=out.quality_sewers),
    prepare_streets=dict(source=par.straten, buurten=inp.buurten, output=out.streets,
                         quality_output=out.quality_streets),
    prepare_context=dict(planned=par.warmtenet_gepland, systems=par.bodemenergiesystemen, buurten=inp.buurten,
                         planned_output=out.planned, systems_output=out.systems, quality_output=out.quality_context))
